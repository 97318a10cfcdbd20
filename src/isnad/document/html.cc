// A small, forgiving HTML-to-text pass for reports saved as web pages. It is
// not a full HTML parser: it needs only to keep the words and the paragraph
// breaks, and to drop what is never text (scripts, styles, comments).
#include <cstdlib>
#include <string>
#include <string_view>

#include "isnad/document/reader.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsBlockTag(std::string_view name) {
  static const char* kBlocks[] = {"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
                                  "title", "article", "section", "header", "footer", "blockquote",
                                  "ul", "ol", "table", "hr", "time", "figcaption"};
  for (const char* b : kBlocks)
    if (name == b) return true;
  return false;
}

void AppendEntity(std::string_view entity, std::string& out) {
  if (entity == "amp") out += '&';
  else if (entity == "lt") out += '<';
  else if (entity == "gt") out += '>';
  else if (entity == "quot") out += '"';
  else if (entity == "apos") out += '\'';
  else if (entity == "nbsp") out += ' ';
  else if (entity == "laquo") utf8::Append(out, 0x00AB);
  else if (entity == "raquo") utf8::Append(out, 0x00BB);
  else if (entity == "hellip") utf8::Append(out, 0x2026);
  else if (entity == "ndash") utf8::Append(out, 0x2013);
  else if (entity == "mdash") utf8::Append(out, 0x2014);
  else if (!entity.empty() && entity[0] == '#') {
    long cp = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X')
                  ? std::strtol(std::string(entity.substr(2)).c_str(), nullptr, 16)
                  : std::strtol(std::string(entity.substr(1)).c_str(), nullptr, 10);
    if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp <= 0xDFFF)) utf8::Append(out, static_cast<char32_t>(cp));
  } else {
    out += '&';
    out += entity;
    out += ';';
  }
}

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string_view::npos || text[first] != '<') return false;
  std::string head = LowerAscii(text.substr(first, 512));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
         head.find("<body") != std::string::npos || head.find("<head") != std::string::npos;
}

std::string HtmlToText(std::string_view html) {
  std::string body, title;
  std::string* out = &body;
  bool in_title = false, took_title = false;
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      size_t name_end = tag.find_first_of(" \t\n/");
      std::string name = LowerAscii(tag.substr(0, name_end));
      i = end + 1;
      if (!closing && (name == "script" || name == "style")) {
        size_t close = LowerAscii(html.substr(i)).find("</" + name);
        i = close == std::string::npos ? html.size() : i + close;
        continue;
      }
      if ((name == "title" || name == "h1") && !took_title) {
        if (!closing) {
          in_title = true;
          out = &title;
        } else if (in_title) {
          in_title = false;
          took_title = !title.empty();
          out = &body;
        }
        continue;
      }
      if (IsBlockTag(name) && !out->empty() && out->back() != '\n') *out += '\n';
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        AppendEntity(html.substr(i + 1, semi - i - 1), *out);
        i = semi + 1;
        continue;
      }
    }
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (out->empty() || out->back() == ' ' || out->back() == '\n')) {
      ++i;
      continue;
    }
    *out += c;
    ++i;
  }
  auto trim_lines = [](std::string s) {
    std::string r;
    size_t pos = 0;
    while (pos < s.size()) {
      size_t eol = s.find('\n', pos);
      if (eol == std::string::npos) eol = s.size();
      std::string_view line(s.data() + pos, eol - pos);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (!line.empty()) {
        r.append(line);
        r += '\n';
      }
      pos = eol + 1;
    }
    return r;
  };
  std::string result = trim_lines(title);
  result += trim_lines(body);
  return result;
}

}  // namespace isnad
