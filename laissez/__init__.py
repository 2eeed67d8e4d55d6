"""Laissez: offline-first consular casework for returns, with safeguards built in."""

__version__ = "0.1.0"
