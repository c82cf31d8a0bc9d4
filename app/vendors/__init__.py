"""Vendor evaluation: funnel, weighted multi-evaluator scoring, visits, bids, claims."""
