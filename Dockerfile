# crisisbot in HTTP mode: `crisisbot serve` (waitress) as a non-root user. Build: docker build -t crisisbot .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md LICENSE bot.py alembic.ini ./
COPY cli ./cli
COPY config ./config
COPY crisis ./crisis
COPY db ./db
COPY handlers ./handlers
COPY publishers ./publishers
COPY reports ./reports
COPY sandbox ./sandbox
COPY sources ./sources
COPY teams ./teams
COPY teams_sandbox ./teams_sandbox
COPY wiring ./wiring
# EXTRAS: the package's extras, e.g. --build-arg EXTRAS="[encoder]" for a model from `train-sentiment --encoder`;
# PyTorch then comes from its CPU index (PyPI's default build carries CUDA: gigabytes no replica uses).
ARG EXTRAS=""
RUN pip install ${EXTRAS:+--extra-index-url https://download.pytorch.org/whl/cpu} ".${EXTRAS}" \
    && useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin crisisbot \
    && mkdir /data && chown crisisbot /data

USER crisisbot
WORKDIR /data
ENV LOG_FORMAT=json \
    CRISIS_PLAN=/config/crisis-plan.yaml
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=2)"]
CMD ["crisisbot", "serve", "--host", "0.0.0.0", "--port", "3000"]
