"""One module per book section: the data work behind its figures, tables and glued numbers."""
