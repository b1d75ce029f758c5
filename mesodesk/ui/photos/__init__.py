"""Visit photos: the strip on the Visit tab, the comparison window, the consent box."""
