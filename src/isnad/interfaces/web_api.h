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

  // An answer read over the whole store (the stories, the most named
  // actors: seconds for a year of news), kept until the store holds
  // another number of reports.
  template <class T>
  struct Kept {
    int64_t reports = -1;  // the store's report count when read; -1: never
    int limit = 0;         // the most it was read with
    std::vector<T> items;
  };
  // Reads `kept` again with `read` (given the limit) when the store has
  // grown or `limit` asks for more; the store's mutex must be held.
  template <class T, class Read>
  Status Refresh(Kept<T>& kept, int limit, Read read) const {
    const int64_t reports = store_.ReportCount();
    if (reports == kept.reports && limit <= kept.limit) return Status::Ok();
    Status st = read(limit, kept.items);
    if (!st.ok()) return st;
    kept.reports = reports;
    kept.limit = limit;
    return st;
  }

  const Store& store_;
  const TextCore& text_core_;
  mutable std::mutex store_mutex_;
  mutable Kept<Story> stories_;
  mutable Kept<ActorSummary> top_actors_;
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
