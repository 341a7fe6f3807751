"""The region's joint competence development plan: demand across municipalities, offerings."""
