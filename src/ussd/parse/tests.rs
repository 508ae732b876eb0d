// Placeholder until the parser branch lands.
