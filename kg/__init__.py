"""kg: knowledge graphs from news."""
