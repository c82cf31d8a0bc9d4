"""CRM Perspective bulletins: compose, preview, publish immutable PDFs."""
