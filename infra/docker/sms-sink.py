"""Stands in for an SMS provider on the compose stack: prints every text session-service's webhook sends, so an
operator reads the verification code from `docker compose logs sms-sink`. Not for production."""
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

EXPECTED_AUTHORIZATION = os.environ.get("SMS_SINK_AUTHORIZATION", "")


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        # The same check a real provider makes; the header's value is never printed.
        if EXPECTED_AUTHORIZATION and self.headers.get("Authorization") != EXPECTED_AUTHORIZATION:
            self.send_response(401)
            self.end_headers()
            print("refused a webhook call without the expected Authorization header", flush=True)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        print("SMS " + body.decode("utf-8", "replace"), flush=True)
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        # The container's healthcheck.
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


HTTPServer(("0.0.0.0", int(sys.argv[1])), Sink).serve_forever()
