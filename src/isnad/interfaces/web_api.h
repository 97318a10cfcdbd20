// The web interface: the JSON API the page asks, over a corpus store, and
// the HTTP server that answers it and serves the page.
//
// WHAT IT TAKES
//   A Store (isnad analyze --db) and the text core (queries are analysed as
//   reports are, so a query matches across clitics and spellings).
// WHAT IT GIVES
//   WebApi::Get answers one GET request: a path under /api/ and its decoded
//   query parameters, to a status, a content type and a body. Nothing in it
//   touches a socket, so every answer is testable as a function.
//     /api/summary                         the store's counts and date range
//     /api/search?q=&actor=&from=&to=&limit=  reports, best first, with snippets
//     /api/report?id=N                     a report with its mentions, quotes, claims
//     /api/network?actor=&type=&from=&to=&claimant=&polarity=&limit=&format=json|csv|graphml
//     /api/claims?(the same filter)&source=&target=&limit=
//     /api/timeline?(the same filter)        claims per month
//     /api/actors?q=&limit=                actors by how many reports name them
//     /api/stories?limit=                  reports on the same story, largest first
//   Offsets in answers are code points into the report's text, as in the
//   analysis record (docs/formats.md). Bad parameters answer 400
//   with {"error": "..."} naming the parameter; a missing report 404.
//   WebServer runs an HTTP server (cpp-httplib) on host:port answering /api/
//   from a WebApi and the page (web/, compiled into the program) from /.
// WHAT IT GUARANTEES
//   Answers are UTF-8 JSON; the page's resources are served with a content
//   security policy that allows nothing from elsewhere.
//
// THREAD SAFETY
//   WebApi serializes its use of the store; Get may be called from many
//   threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/store/store.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct HttpAnswer {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string filename;  // set: offered as a download under this name
};

using QueryParams = std::multimap<std::string, std::string>;

class WebApi {
 public:
  WebApi(const Store& store, const TextCore& text_core) : store_(store), text_core_(text_core) {}

  HttpAnswer Get(const std::string& path, const QueryParams& params) const;

 private:
  HttpAnswer Summary() const;
  HttpAnswer Search(const QueryParams& params) const;
  HttpAnswer Report(const QueryParams& params) const;
  HttpAnswer Network(const QueryParams& params) const;
  HttpAnswer Claims(const QueryParams& params) const;
  HttpAnswer Timeline(const QueryParams& params) const;
  HttpAnswer Actors(const QueryParams& params) const;
  HttpAnswer Stories(const QueryParams& params) const;

  const Store& store_;
  const TextCore& text_core_;
  mutable std::mutex store_mutex_;
  // Stories are found over the whole store (seconds for a year of news):
  // kept until the store holds another number of reports.
  mutable int64_t stories_reports_ = -1;
  mutable std::vector<Story> stories_;
  // The most named actors (no query) rank every actor of the store: kept
  // the same way, with the limit they were read with.
  mutable int64_t top_actors_reports_ = -1;
  mutable int top_actors_limit_ = 0;
  mutable std::vector<ActorSummary> top_actors_;
};

// A file of the page (index.html, app.js, app.css), compiled into the
// program from web/; null when there is no such file.
struct WebAsset {
  const char* content_type;
  const unsigned char* data;
  size_t size;
};
const WebAsset* FindWebAsset(const std::string& path);

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
};

// The HTTP server: Bind, then Run until Stop (from another thread). It
// answers from `api`, which must outlive it.
class WebServer {
 public:
  explicit WebServer(const WebApi& api);
  ~WebServer();
  // Binds host:port; `port` is the port bound (useful with port 0).
  Status Bind(const ServeOptions& options, int& port);
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isnad
