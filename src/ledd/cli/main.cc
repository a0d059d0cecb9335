int main() { return 0; }  // Placeholder until the commands exist.
