"""Generated GraphQL clients (ariadne-codegen). Do not edit: run `make codegen`."""
