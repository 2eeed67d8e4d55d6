"""Small QObjects wrapping the pure casework services (STYLE.md §1); they own the Database."""
