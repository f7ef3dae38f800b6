"""storyline: raw news articles in, a sourced, dated, cross-checked account of a story out."""

__version__ = "0.1.0"
