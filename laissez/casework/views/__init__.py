"""Read models: what the screens and the command line read about cases and settings (no Qt).

Every module here only reads; each returns frozen dataclasses, never ORM objects. Changes go
through casework's use cases (``service.Casework``, ``settings``, ``staff``, ``sync``).

``cases`` (the case list and the read-only case view), ``answers`` (recorded answers per
form), ``advisal`` (the advisal and consent decisions), ``approval`` (the second person's
decisions), ``prints`` (documents and their print logs), ``settings`` (mission, retention
rules, sync status).
"""
