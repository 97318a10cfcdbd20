// cpp-httplib behind WebServer; no httplib type leaves this file.
#include <httplib.h>

#include <cstring>

#include "isnad/interfaces/web_api.h"

namespace isnad {

namespace embedded {
struct File {
  const char* path;
  const unsigned char* data;
  std::size_t size;
};
extern const File kFiles[];  // web_assets.cc, generated from web/
}  // namespace embedded

const WebAsset* FindWebAsset(const std::string& path) {
  static const std::vector<std::pair<std::string, WebAsset>> assets = [] {
    std::vector<std::pair<std::string, WebAsset>> out;
    for (const embedded::File* f = embedded::kFiles; f->path; ++f) {
      std::string p = f->path;
      const char* type = "application/octet-stream";
      if (p.ends_with(".html")) type = "text/html; charset=utf-8";
      else if (p.ends_with(".js")) type = "text/javascript; charset=utf-8";
      else if (p.ends_with(".css")) type = "text/css; charset=utf-8";
      out.push_back({p, WebAsset{type, f->data, f->size}});
    }
    return out;
  }();
  const std::string wanted = path == "/" ? "/index.html" : path;
  for (const auto& [p, asset] : assets)
    if (p == wanted) return &asset;
  return nullptr;
}

struct WebServer::Impl {
  explicit Impl(const WebApi& a) : api(a) {}
  const WebApi& api;
  httplib::Server server;
};

WebServer::WebServer(const WebApi& api) : impl_(std::make_unique<Impl>(api)) {
  httplib::Server& server = impl_->server;
  const WebApi& web_api = api;
  // httplib's default sets SO_REUSEPORT, with which a second `isnad serve`
  // on the same port shares it silently; SO_REUSEADDR alone lets a
  // restarted server take its port back but refuses a running one's.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // The page loads nothing from elsewhere, and nothing may frame it.
  server.set_default_headers({{"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"}});
  server.Get(R"(/api/.*)", [&web_api](const httplib::Request& req, httplib::Response& res) {
    QueryParams params(req.params.begin(), req.params.end());
    HttpAnswer answer = web_api.Get(req.path, params);
    res.status = answer.status;
    if (!answer.filename.empty())
      res.set_header("Content-Disposition", "attachment; filename=\"" + answer.filename + "\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(answer.body, answer.content_type.c_str());
  });
  server.Get(R"(/[A-Za-z0-9._-]*)", [](const httplib::Request& req, httplib::Response& res) {
    const WebAsset* asset = FindWebAsset(req.path);
    if (!asset) {
      res.status = 404;
      res.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    res.set_content(reinterpret_cast<const char*>(asset->data), asset->size, asset->content_type);
  });
}

WebServer::~WebServer() { Stop(); }

Status WebServer::Bind(const ServeOptions& options, int& port) {
  httplib::Server& server = impl_->server;
  if (options.port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port <= 0) return Status::Error("cannot bind a port on " + options.host);
    return Status::Ok();
  }
  if (!server.bind_to_port(options.host, options.port))
    return Status::Error("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                         " (in use? try --port)");
  port = options.port;
  return Status::Ok();
}

void WebServer::Run() { impl_->server.listen_after_bind(); }

void WebServer::Stop() {
  if (impl_->server.is_running()) impl_->server.stop();
}

}  // namespace isnad
