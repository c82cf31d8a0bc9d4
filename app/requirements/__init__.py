"""Requirements: register, versions, formal sign-off, frozen baselines, traceability."""
