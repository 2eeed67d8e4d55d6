"""ICAO Doc 9303 documents: MRZ parse/build/check, transliteration, country codes.

Pure: no Qt, no database. Everything here runs headless and is typed strictly.
"""
