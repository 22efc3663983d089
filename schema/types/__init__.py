"""GraphQL object types, one module per Visma resource."""
