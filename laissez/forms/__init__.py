"""Interview forms, rights-advisal texts and consent scopes: versioned, translated data."""
