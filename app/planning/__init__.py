"""Phased plan: phases, tasks, dependencies, baselines; scheduling and MS Project interchange."""
