"""Project organisation: the three groups, their meetings and the governing documents."""
