"""The headquarters sync service (FastAPI on PostgreSQL), deployed apart from the desktop."""
