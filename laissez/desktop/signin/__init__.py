"""Sign-in page and first-run setup."""
