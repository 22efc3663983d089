# GraphiQL's browser files from npm, so the image serves them from its own origin.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN mkdir -p gateway/static \
    && npm ci --no-audit --no-fund \
    && npm run build

# The runtime packages exactly as uv.lock pins them, with their hashes, for pip to check.
FROM python:3.11-slim AS requirements
# The uv release uv.lock pins for itself (a test keeps the two equal).
ARG UV_VERSION=0.13.9
WORKDIR /lock
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
COPY pyproject.toml uv.lock ./
RUN uv export --frozen --no-dev --no-emit-project --format requirements-txt \
    --output-file requirements.txt

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 gateway

# Dependencies first, in their own layer: rebuilt only when the locked set changes.
COPY --from=requirements /lock/requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --no-deps --require-hashes -r /tmp/requirements.txt

# The project itself, without dependencies: they are all in the layer above.
COPY pyproject.toml README.md ./
COPY gateway ./gateway
COPY --from=assets /build/gateway/static/vendor ./gateway/static/vendor
COPY schema ./schema
RUN pip install --no-cache-dir --no-deps .

USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
CMD ["visma-gateway", "serve", "--host", "0.0.0.0", "--port", "8000"]
