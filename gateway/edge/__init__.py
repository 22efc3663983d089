"""HTTP in: the GraphQL view and websocket, request limits, CORS, persisted queries, the
explorer and its sign-in, health."""
