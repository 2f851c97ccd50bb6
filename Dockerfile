FROM python:3.12-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Debian's ffprobe (package ffmpeg): the worker's technical check of delivered video files.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
RUN DEBUG=true python manage.py compilemessages --verbosity 0 \
    && DEBUG=true python manage.py collectstatic --noinput
USER nobody
