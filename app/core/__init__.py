"""Shared kernel: model mixins, audit trail, permissions, errors, numbering."""
