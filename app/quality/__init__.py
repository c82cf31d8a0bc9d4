"""Quality management: the quality plan, QA reviews, QC checkpoints and phase gate reviews."""
