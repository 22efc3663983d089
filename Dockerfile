# GraphiQL's browser files from npm, so the image serves them from its own origin.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN mkdir -p gateway/static \
    && npm ci --no-audit --no-fund \
    && npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 gateway

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir gateway schema \
    && touch gateway/__init__.py schema/__init__.py \
    && pip install . \
    && pip uninstall --yes visma-graphql-gateway \
    && rm -rf gateway schema

COPY gateway ./gateway
COPY --from=assets /build/gateway/static/vendor ./gateway/static/vendor
COPY schema ./schema
RUN pip install --no-deps .

USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
CMD ["visma-gateway", "serve", "--host", "0.0.0.0", "--port", "8000"]
