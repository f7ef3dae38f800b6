"""Benchmarks behind ``storyline bench``: they print figures, never pass or fail."""
