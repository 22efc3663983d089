"""GraphQL input types of the mutations and their translation to Visma's update DTOs."""
