"""PDF layouts (reportlab): the emergency travel document and the person's receipt."""
