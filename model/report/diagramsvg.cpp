#include "diagramsvg.h"

#include "catalog/catalog.h"
#include "core/modellimits.h"
#include "core/threatmodel.h"
#include "markupescape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

namespace bulkhead {

std::string xmlEscape(std::string_view text)
{
    return escapeMarkup(text, [](std::string &out, char c) {
        if (c == '"')
            out += "&quot;";
        else if (c == '\'')
            out += "&#39;";
        else
            appendPlain(out, c, "\t\n\r");
    });
}

namespace {

std::string num(double v)
{
    if (!std::isfinite(v))
        v = 0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    std::string s(buffer);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s;
}

/** At most `limit` code points, with an ellipsis when cut; never splits a UTF-8 sequence. */
std::string shorten(std::string_view text, std::size_t limit)
{
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (points == limit)
                return std::string(text.substr(0, i)) + "…";
            ++points;
        }
    }
    return std::string(text);
}

struct Bounds
{
    double left = std::numeric_limits<double>::max();
    double top = std::numeric_limits<double>::max();
    double right = std::numeric_limits<double>::lowest();
    double bottom = std::numeric_limits<double>::lowest();
    void add(double x, double y)
    {
        if (!std::isfinite(x) || !std::isfinite(y))
            return;
        left = std::min(left, x);
        top = std::min(top, y);
        right = std::max(right, x);
        bottom = std::max(bottom, y);
    }
    void add(const Rect &r)
    {
        add(r.x, r.y);
        add(r.x + r.width, r.y + r.height);
    }
    bool empty() const { return left > right; }
};

Point centre(const Rect &r)
{
    return {r.x + r.width / 2, r.y + r.height / 2};
}

/** Where the segment from the rectangle's centre towards `to` leaves the rectangle. */
Point borderPoint(const Rect &r, Point to)
{
    const Point c = centre(r);
    const double dx = to.x - c.x;
    const double dy = to.y - c.y;
    if (std::abs(dx) < 1e-9 && std::abs(dy) < 1e-9)
        return c;
    const double sx = std::abs(dx) > 1e-9 ? (r.width / 2) / std::abs(dx)
                                          : std::numeric_limits<double>::max();
    const double sy = std::abs(dy) > 1e-9 ? (r.height / 2) / std::abs(dy)
                                          : std::numeric_limits<double>::max();
    const double s = std::min({sx, sy, 1.0});
    return {c.x + dx * s, c.y + dy * s};
}

ElementRole roleOf(const Catalog &catalog, const std::string &kind)
{
    const ElementKind *k = catalog.findKind(kind);
    return k ? k->role : ElementRole::Process;
}

void text(std::string &out, double x, double y, std::string_view content, const char *cls)
{
    out += "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\">"
           + xmlEscape(content) + "</text>\n";
}

} // namespace

namespace {

/** The drawing's extent with a margin: x, y, width, height of the viewBox. */
struct Viewport
{
    double x0, y0, width, height;
};

Viewport viewportOf(const ThreatModel &model)
{
    Bounds bounds;
    for (const Boundary &b : model.boundaries())
        bounds.add(b.geometry);
    for (const Element &e : model.elements())
        bounds.add(e.geometry);
    for (const Flow &f : model.flows()) {
        for (const Point &p : f.points)
            bounds.add(p.x, p.y);
    }
    if (bounds.empty()) {
        bounds.add(0, 0);
        bounds.add(200, 100);
    }
    constexpr double margin = 24;
    return {bounds.left - margin, bounds.top - margin, bounds.right - bounds.left + 2 * margin,
            bounds.bottom - bounds.top + 2 * margin};
}

void writeHeader(std::string &out, const Viewport &v)
{
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bh-diagram\" viewBox=\"" + num(v.x0)
           + " " + num(v.y0) + " " + num(v.width) + " " + num(v.height) + "\" width=\""
           + num(v.width) + "\" height=\"" + num(v.height)
           + "\" role=\"img\" aria-label=\"Data-flow diagram\">\n";
    out += "<defs><marker id=\"bh-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
           "markerWidth=\"8\" "
           "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
           "fill=\"#37474f\"/></marker></defs>\n";
    out += "<style>text{font-family:'DejaVu Sans',Arial,sans-serif;fill:#263238}"
           ".bh-bname{font-size:12px;font-weight:bold;fill:#546e7a}"
           ".bh-ename{font-size:12px;font-weight:bold;text-anchor:middle}"
           ".bh-ekind{font-size:10px;fill:#607d8b;text-anchor:middle}"
           ".bh-fname{font-size:10px;text-anchor:middle;fill:#37474f;paint-order:stroke;"
           "stroke:#fff;stroke-width:3px}</style>\n";
    out += "<rect x=\"" + num(v.x0) + "\" y=\"" + num(v.y0) + "\" width=\"" + num(v.width)
           + "\" height=\"" + num(v.height) + "\" fill=\"#ffffff\"/>\n";
}

/** Boundaries, outermost first so nested ones draw on top. */
void writeBoundaries(std::string &out, const ThreatModel &model)
{
    // Levels are computed once: a comparison that walks both chains made deep nesting cost
    // minutes.
    const std::vector<std::size_t> levels = boundaryNestingLevels(model);
    std::vector<const Boundary *> boundaries;
    for (const Boundary &b : model.boundaries())
        boundaries.push_back(&b);
    const Boundary *first = model.boundaries().data();
    std::stable_sort(boundaries.begin(), boundaries.end(),
                     [&](const Boundary *a, const Boundary *b) {
                         return levels[static_cast<std::size_t>(a - first)]
                                < levels[static_cast<std::size_t>(b - first)];
                     });
    for (const Boundary *b : boundaries) {
        const Rect &g = b->geometry;
        out += "<g class=\"bh-boundary\"><rect x=\"" + num(g.x) + "\" y=\"" + num(g.y)
               + "\" width=\"" + num(g.width) + "\" height=\"" + num(g.height)
               + "\" rx=\"10\" fill=\"#eceff1\" fill-opacity=\"0.35\" stroke=\"#c62828\" "
                 "stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>\n";
        text(out, g.x + 8, g.y + 16, shorten(b->name.empty() ? b->id : b->name, 40), "bh-bname");
        out += "</g>\n";
    }
}

void writeFlow(std::string &out, const ThreatModel &model, const Flow &f)
{
    const Element *source = model.findElement(f.source);
    const Element *target = model.findElement(f.target);
    if (!source || !target)
        return;
    std::vector<Point> points;
    const Point first = f.points.empty() ? centre(target->geometry) : f.points.front();
    const Point last = f.points.empty() ? centre(source->geometry) : f.points.back();
    points.push_back(borderPoint(source->geometry, first));
    points.insert(points.end(), f.points.begin(), f.points.end());
    points.push_back(borderPoint(target->geometry, last));
    std::string d;
    for (std::size_t i = 0; i < points.size(); ++i)
        d += (i ? " L" : "M") + num(points[i].x) + "," + num(points[i].y);
    out += "<g class=\"bh-flow\"><path d=\"" + d
           + "\" fill=\"none\" stroke=\"#37474f\" stroke-width=\"1.4\" "
             "marker-end=\"url(#bh-arrow)\""
           + (f.bidirectional ? " marker-start=\"url(#bh-arrow)\"" : "") + "/>\n";
    const std::string &label = f.name.empty() ? f.id : f.name;
    const std::size_t mid = (points.size() - 1) / 2;
    const Point a = points[mid];
    const Point b = points[mid + 1];
    // Only as long as the segment between the element borders, so labels never cover a box.
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const auto fits = static_cast<std::size_t>(std::clamp(length / 6.0 - 1, 4.0, 40.0));
    text(out, (a.x + b.x) / 2, (a.y + b.y) / 2 - 4, shorten(label, fits), "bh-fname");
    out += "</g>\n";
}

void writeElement(std::string &out, const Catalog &catalog, const Element &e)
{
    const Rect &g = e.geometry;
    const std::string x = num(g.x), y = num(g.y), w = num(g.width), h = num(g.height);
    out += "<g class=\"bh-element\">";
    switch (roleOf(catalog, e.kind)) {
    case ElementRole::ExternalEntity:
        out += "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h
               + "\" fill=\"#fff8e1\" stroke=\"#5d4037\" stroke-width=\"1.5\"/>";
        break;
    case ElementRole::DataStore:
        out += "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h
               + "\" fill=\"#e8f5e9\" stroke=\"none\"/><path d=\"M" + x + "," + y + " h" + w + " M"
               + x + "," + num(g.y + g.height) + " h" + w
               + "\" stroke=\"#2e7d32\" stroke-width=\"2\" fill=\"none\"/>";
        break;
    default:
        out += "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h
               + "\" rx=\"14\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>";
        break;
    }
    out += "\n";
    const double cx = g.x + g.width / 2;
    const double cy = g.y + g.height / 2;
    text(out, cx, cy - 1,
         shorten(e.name.empty() ? e.id : e.name,
                 static_cast<std::size_t>(std::clamp(g.width / 7.6, 4.0, 60.0))),
         "bh-ename");
    const ElementKind *kind = catalog.findKind(e.kind);
    text(out, cx, cy + 14,
         shorten(kind && !kind->displayName.empty() ? kind->displayName : e.kind, 26), "bh-ekind");
    out += "</g>\n";
}

} // namespace

std::string diagramToSvg(const ThreatModel &model, const Catalog &catalog)
{
    std::string out;
    writeHeader(out, viewportOf(model));
    writeBoundaries(out, model);
    // Flows under the elements, so arrows end at the borders.
    for (const Flow &f : model.flows())
        writeFlow(out, model, f);
    for (const Element &e : model.elements())
        writeElement(out, catalog, e);
    out += "</svg>\n";
    return out;
}

} // namespace bulkhead
