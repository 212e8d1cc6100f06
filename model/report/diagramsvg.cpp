#include "diagramsvg.h"

#include "catalog/catalog.h"
#include "core/modellimits.h"
#include "core/threatmodel.h"
#include "diagramstyle.h"
#include "kindiconfiles.h"
#include "markupescape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <utility>
#include <variant>
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

namespace style = diagramstyle;

std::string num(double v)
{
    if (!std::isfinite(v))
        v = 0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    std::string s(buffer);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    if (s == "-0")
        s = "0";
    return s;
}

std::size_t codePoints(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
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

/**
 * DejaVu Sans, the canvas's and the report's font, in round figures: the average advance of a
 * character and the ascent, descent and line height, in ems. The SVG has no font metrics, so
 * wrapping and eliding use these; the browser then draws the real glyphs.
 */
constexpr double averageAdvance = 0.56;
constexpr double averageBoldAdvance = 0.63;
constexpr double ascent = 0.928;
constexpr double descent = 0.236;
constexpr double lineHeight = ascent + descent;

double pixels(double points)
{
    return points * style::unitsPerPoint;
}

/** How many characters of a font `size` pixels tall fit into `width`. */
std::size_t charactersIn(double width, double size, bool bold)
{
    const double fits = width / (size * (bold ? averageBoldAdvance : averageAdvance));
    return static_cast<std::size_t>(std::clamp(fits, 1.0, 200.0));
}

/** The text shortened to fit `width`, with an ellipsis when cut. */
std::string elide(std::string_view text, double width, double size, bool bold)
{
    return shorten(text, charactersIn(width, size, bold));
}

/** Like the canvas: at most two lines, broken between words, the rest elided. */
std::vector<std::string> twoLines(std::string_view text, double width, double size)
{
    const std::size_t fits = charactersIn(width, size, true);
    if (codePoints(text) <= fits)
        return {std::string(text)};
    std::vector<std::string> words;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t space = std::min(text.find(' ', at), text.size());
        if (space > at)
            words.emplace_back(text.substr(at, space - at));
        at = space + 1;
    }
    std::string first;
    std::size_t used = 0;
    for (; used < words.size(); ++used) {
        const std::string candidate = first.empty() ? words[used] : first + ' ' + words[used];
        if (codePoints(candidate) > fits)
            break;
        first = candidate;
    }
    if (first.empty())
        return {shorten(text, fits)};
    std::string rest;
    for (std::size_t i = used; i < words.size(); ++i)
        rest += (rest.empty() ? "" : " ") + words[i];
    return {first, shorten(rest, fits)};
}

struct Point2
{
    double x = 0;
    double y = 0;
    Point2 operator+(Point2 o) const { return {x + o.x, y + o.y}; }
    Point2 operator-(Point2 o) const { return {x - o.x, y - o.y}; }
    Point2 operator*(double s) const { return {x * s, y * s}; }
};

Point2 unit(Point2 v)
{
    const double length = std::hypot(v.x, v.y);
    return length > 0 ? v * (1 / length) : Point2{1, 0};
}

/** An element's rectangle as the canvas places it: a missing size gets the default one. */
Rect shownRect(const Rect &r, double defaultWidth, double defaultHeight)
{
    if (r.width > 0 && r.height > 0)
        return r;
    return {r.x, r.y, defaultWidth, defaultHeight};
}

Point2 centre(const Rect &r)
{
    return {r.x + r.width / 2, r.y + r.height / 2};
}

/** Where the ray from the rectangle's centre towards `to` leaves the rectangle. */
Point2 borderPoint(const Rect &r, Point2 to)
{
    const Point2 c = centre(r);
    const Point2 d = to - c;
    if (std::abs(d.x) < 1e-9 && std::abs(d.y) < 1e-9)
        return c;
    const double sx = d.x != 0 ? (r.width / 2) / std::abs(d.x) : 1e9;
    const double sy = d.y != 0 ? (r.height / 2) / std::abs(d.y) : 1e9;
    return c + d * std::min(sx, sy);
}

struct Bounds
{
    double left = std::numeric_limits<double>::max();
    double top = std::numeric_limits<double>::max();
    double right = std::numeric_limits<double>::lowest();
    double bottom = std::numeric_limits<double>::lowest();
    void add(const Rect &r)
    {
        if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.width)
            || !std::isfinite(r.height))
            return;
        left = std::min(left, r.x);
        top = std::min(top, r.y);
        right = std::max(right, r.x + r.width);
        bottom = std::max(bottom, r.y + r.height);
    }
    bool empty() const { return left > right; }
};

Rect elementRect(const Element &e)
{
    return shownRect(e.geometry, style::defaultElementWidth, style::defaultElementHeight);
}

Rect boundaryRect(const Boundary &b)
{
    return shownRect(b.geometry, style::defaultBoundaryWidth, style::defaultBoundaryHeight);
}

/** The drawing's extent with a margin: x, y, width, height of the viewBox. */
struct Viewport
{
    double x0, y0, width, height;
};

Viewport viewportOf(const ThreatModel &model)
{
    Bounds bounds;
    for (const Boundary &b : model.boundaries())
        bounds.add(boundaryRect(b));
    for (const Element &e : model.elements())
        bounds.add(elementRect(e));
    if (bounds.empty())
        bounds.add({0, 0, 200, 100});
    constexpr double margin = 24;
    return {bounds.left - margin, bounds.top - margin, bounds.right - bounds.left + 2 * margin,
            bounds.bottom - bounds.top + 2 * margin};
}

const std::string_view genericIcon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" fill=\"none\" "
    "stroke=\"#000000\" stroke-width=\"1.75\"><rect x=\"4\" y=\"4\" width=\"16\" height=\"16\" "
    "rx=\"3\"/></svg>";

/**
 * The kind's icon file inlined as a nested <svg> (no reference to anything, not even within
 * the page), its one colour the colour the canvas draws it in. Kinds without a compiled-in icon
 * (an extra catalog may name any) get the generic square, never their text in the markup.
 */
std::string icon(std::string_view kind, double x, double y, double size, DiagramColor color)
{
    std::string_view svg = kindIconSvg(kind);
    if (svg.empty())
        svg = genericIcon;
    const std::size_t open = svg.find("<svg");
    const std::size_t close = open == std::string_view::npos ? open : svg.find('>', open);
    const std::size_t end = svg.rfind("</svg>");
    if (close == std::string_view::npos || end == std::string_view::npos || end < close)
        return {};
    std::string attributes(svg.substr(open + 4, close - open - 4));
    const std::size_t xmlns = attributes.find("xmlns=\"");
    if (xmlns != std::string::npos)
        attributes.erase(xmlns, attributes.find('"', xmlns + 7) + 1 - xmlns);
    std::string out = "<svg class=\"bh-icon\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\""
                      + num(size) + "\" height=\"" + num(size) + "\"" + attributes + ">"
                      + std::string(svg.substr(close + 1, end - close - 1)) + "</svg>";
    for (std::size_t at = 0; (at = out.find("#000000", at)) != std::string::npos;)
        out.replace(at, 7, color.hex());
    return out;
}

std::string textElement(double x, double y, double points, bool bold, std::string_view content,
                        const std::string &extra = {})
{
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(pixels(points))
           + "\"" + (bold ? " font-weight=\"bold\"" : "") + extra + ">" + xmlEscape(content)
           + "</text>\n";
}

void writeHeader(std::string &out, const Viewport &v)
{
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bh-diagram\" viewBox=\"" + num(v.x0)
           + " " + num(v.y0) + " " + num(v.width) + " " + num(v.height) + "\" width=\""
           + num(v.width) + "\" height=\"" + num(v.height)
           + "\" role=\"img\" aria-label=\"Data-flow diagram\" font-family=\"'DejaVu Sans',"
             "Verdana,sans-serif\" fill=\""
           + style::paperText.hex() + "\">\n";
    out += "<rect x=\"" + num(v.x0) + "\" y=\"" + num(v.y0) + "\" width=\"" + num(v.width)
           + "\" height=\"" + num(v.height) + "\" fill=\"" + style::paperBase.hex() + "\"/>\n";
}

/** Boundaries, outermost first so nested ones draw on top. */
void writeBoundaries(std::string &out, const ThreatModel &model, const Catalog &catalog)
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
    // Qt's dash line: dashes of four pen widths and gaps of two.
    const std::string dashes = num(4 * style::boundaryPenWidth) + " "
                               + num(2 * style::boundaryPenWidth);
    for (const Boundary *b : boundaries) {
        const Rect g = boundaryRect(*b);
        const DiagramColor hue = boundaryHue(b->kind);
        out += "<g class=\"bh-boundary\" data-kind=\"" + xmlEscape(shorten(b->kind, 40))
               + "\"><rect x=\"" + num(g.x) + "\" y=\"" + num(g.y) + "\" width=\"" + num(g.width)
               + "\" height=\"" + num(g.height) + "\" rx=\"" + num(style::boundaryRadius)
               + "\" fill=\""
               + mixDiagramColors(style::paperBase, hue, style::boundaryFillAmount).hex()
               + "\" stroke=\"" + hue.hex() + "\" stroke-width=\"" + num(style::boundaryPenWidth)
               + "\" stroke-dasharray=\"" + dashes + "\"/>\n";
        out += icon(b->kind, g.x + style::boundaryIconLeft, g.y + style::boundaryIconTop,
                    style::boundaryIconSize, hue);
        const double textLeft = style::boundaryIconLeft + style::boundaryIconSize + 6;
        const double available = g.width - textLeft - 16;
        const double size = pixels(style::boundaryNamePoints);
        const std::string name = elide(b->name.empty() ? "(unnamed)" : shorten(b->name, 200),
                                       available, size, true);
        const ElementKind *kind = catalog.findKind(b->kind);
        const std::string kindName = kind ? kind->displayName : b->kind;
        const double left = available - double(codePoints(name)) * size * averageBoldAdvance - 6;
        // Centred in the title row as the canvas centres it.
        const double baseline = g.y + 4 + (style::boundaryTitleHeight - 6 - size * lineHeight) / 2
                                + size * ascent;
        out += "<text x=\"" + num(g.x + textLeft) + "\" y=\"" + num(baseline)
               + "\"><tspan "
                 "font-size=\""
               + num(size) + "\" font-weight=\"bold\">" + xmlEscape(name) + "</tspan>";
        if (left > 0)
            out += "<tspan dx=\"6\" font-size=\"" + num(pixels(style::boundaryKindPoints))
                   + "\" fill-opacity=\"" + num(style::boundaryKindOpacity) + "\">"
                   + xmlEscape(elide(kindName, left, pixels(style::boundaryKindPoints), false))
                   + "</tspan>";
        out += "</text></g>\n";
    }
}

void writeElement(std::string &out, const Catalog &catalog, const Element &e)
{
    const Rect g = elementRect(e);
    const ElementKind *kind = catalog.findKind(e.kind);
    const ElementRole role = kind && !kind->isBoundary() ? kind->role : ElementRole::Process;
    const DiagramColor tint = elementRoleTint(role);
    const DiagramColor fill = mixDiagramColors(style::paperBase, tint, style::elementFillAmount);
    const DiagramColor accent = mixDiagramColors(style::paperText, tint,
                                                 style::elementAccentAmount);
    const auto scope = e.properties.find("inScope");
    const bool outOfScope = scope != e.properties.end()
                            && std::holds_alternative<bool>(scope->second)
                            && !std::get<bool>(scope->second);
    const std::string x = num(g.x), y = num(g.y), w = num(g.width), h = num(g.height);
    const std::string pen = "stroke=\"" + accent.hex() + "\" stroke-width=\""
                            + num(style::elementPenWidth) + "\""
                            + (outOfScope ? " stroke-dasharray=\"6 3\"" : "");
    out += "<g class=\"bh-element\">";
    const std::string box = "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\""
                            + h + "\" fill=\"" + fill.hex() + "\"";
    switch (role) {
    case ElementRole::ExternalEntity:
        out += box + " " + pen + "/>";
        break;
    case ElementRole::DataStore:
        out += box + " stroke=\"none\"/><path d=\"M" + x + "," + y + " h" + w + " M" + x + ","
               + num(g.y + g.height) + " h" + w + "\" fill=\"none\" " + pen + "/><path d=\"M"
               + num(g.x + style::dataStoreSideInset) + "," + y + " v" + h
               + "\" fill=\"none\" stroke=\"" + accent.hex() + "\" stroke-width=\"1\"/>";
        break;
    default:
        out += box + " rx=\"" + num(style::processRadius) + "\" " + pen + "/>";
        break;
    }
    const double iconLeft = role == ElementRole::DataStore ? style::dataStoreIconLeft
                                                           : style::elementIconLeft;
    out += icon(e.kind, g.x + iconLeft, g.y + (g.height - style::elementIconSize) / 2,
                style::elementIconSize, accent);
    // The canvas's text block: the name on one or two lines, the kind's name underneath,
    // centred together beside the icon.
    const double textLeft = g.x + iconLeft + style::elementIconSize + style::elementTextGap;
    const double textTop = g.y + 6;
    const double textWidth = g.width - (iconLeft + style::elementIconSize) - 14;
    const double textHeight = g.height - 12;
    const double nameSize = pixels(style::elementNamePoints);
    const double kindSize = pixels(style::elementKindPoints);
    const double blockHeight = nameSize * lineHeight * 2 + kindSize * lineHeight;
    const std::vector<std::string> lines = twoLines(
        e.name.empty() ? "(unnamed)" : shorten(e.name, 200), textWidth, nameSize);
    double nameBottom = textTop + std::max(0.0, (textHeight - blockHeight) / 2)
                        + nameSize * lineHeight * 2;
    if (lines.size() == 1)
        nameBottom -= nameSize * lineHeight / 2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const double lineTop = nameBottom - nameSize * lineHeight * double(lines.size() - i);
        out += textElement(textLeft, lineTop + nameSize * ascent, style::elementNamePoints, true,
                           lines[i]);
    }
    const std::string kindName = kind && !kind->displayName.empty() ? kind->displayName : e.kind;
    out += textElement(textLeft, nameBottom + kindSize * ascent, style::elementKindPoints, false,
                       elide(kindName, textWidth, kindSize, false),
                       " fill-opacity=\"" + num(style::elementKindOpacity) + "\"");
    out += "</g>\n";
}

/** Which lane each flow takes: flows joining the same two elements bend apart, as on the canvas. */
std::vector<double> flowLanes(const ThreatModel &model)
{
    const std::vector<Flow> &flows = model.flows();
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> pairs;
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const Flow &f = flows[i];
        pairs[std::minmax(f.source, f.target)].push_back(i);
    }
    std::vector<double> lanes(flows.size(), 0);
    for (const auto &[ends, siblings] : pairs) {
        if (siblings.size() < 2)
            continue;
        for (std::size_t index = 0; index < siblings.size(); ++index) {
            const Flow &f = flows[siblings[index]];
            double lane = (double(index) - double(siblings.size() - 1) / 2) * style::flowLaneSpread;
            if (f.source > f.target)
                lane = -lane;
            lanes[siblings[index]] = lane;
        }
    }
    return lanes;
}

std::string polygon(const std::vector<Point2> &points)
{
    std::string out = "<polygon points=\"";
    for (const Point2 &p : points)
        out += num(p.x) + "," + num(p.y) + " ";
    out.back() = '"';
    return out + "/>";
}

std::string arrowHead(Point2 tip, Point2 direction)
{
    const Point2 d = unit(direction);
    const Point2 n{-d.y, d.x};
    return polygon({tip, tip - d * style::arrowLength + n * style::arrowHalfWidth,
                    tip - d * style::arrowLength - n * style::arrowHalfWidth});
}

void writeFlow(std::string &out, const ThreatModel &model, const Flow &f, double lane)
{
    const Element *source = model.findElement(f.source);
    const Element *target = model.findElement(f.target);
    if (!source || !target)
        return;
    const Rect from = elementRect(*source);
    const Rect to = elementRect(*target);
    const Point2 axis = centre(to) - centre(from);
    const Point2 normal = unit({-axis.y, axis.x});
    const Point2 middle = (centre(from) + centre(to)) * 0.5;
    const Point2 control = middle + normal * (lane * 2);
    const Point2 start = borderPoint(from, lane == 0 ? centre(to) : control);
    const Point2 end = borderPoint(to, lane == 0 ? centre(from) : control);
    const Point2 startDirection = lane == 0 ? start - end : start - control;
    const Point2 endDirection = lane == 0 ? end - start : end - control;
    const Point2 anchor = lane == 0 ? (start + end) * 0.5 : middle + normal * lane;

    const std::string ink = style::paperText.hex();
    out += "<g class=\"bh-flow\" fill=\"" + ink + "\" fill-opacity=\"" + num(style::flowOpacity)
           + "\"><path d=\"M" + num(start.x) + "," + num(start.y)
           + (lane == 0 ? " L" : " Q" + num(control.x) + "," + num(control.y) + " ") + num(end.x)
           + "," + num(end.y) + "\" fill=\"none\" stroke=\"" + ink + "\" stroke-opacity=\""
           + num(style::flowOpacity) + "\" stroke-width=\"" + num(style::flowPenWidth) + "\"/>";
    out += arrowHead(end, endDirection);
    if (f.bidirectional)
        out += arrowHead(start, startDirection);
    // A dot at the end that opens the connection, behind the arrowhead when one is there.
    const bool openedByTarget = f.initiator == FlowInitiator::Target;
    const bool headAtOpener = openedByTarget || f.bidirectional;
    const Point2 dot = openedByTarget ? end - unit(endDirection) * (headAtOpener ? 15.0 : 4.0)
                                      : start - unit(startDirection) * (headAtOpener ? 15.0 : 4.0);
    out += "<circle cx=\"" + num(dot.x) + "\" cy=\"" + num(dot.y) + "\" r=\""
           + num(style::openerDotRadius) + "\"/>\n";
    if (!f.name.empty()) {
        // The name on a plate over the middle of the line, as long as the gap allows.
        const double size = pixels(style::flowLabelPoints);
        const double gap = std::hypot(end.x - start.x, end.y - start.y);
        const std::string label = elide(shorten(f.name, 200), std::clamp(gap - 16, 60.0, 200.0),
                                        size, false);
        const double width = double(codePoints(label)) * size * averageAdvance + 10;
        const double height = size * lineHeight + 4;
        out += "<rect x=\"" + num(anchor.x - width / 2) + "\" y=\"" + num(anchor.y - height / 2)
               + "\" width=\"" + num(width) + "\" height=\"" + num(height) + "\" rx=\""
               + num(style::flowLabelPlateRadius) + "\" fill=\"" + style::paperBase.hex()
               + "\" fill-opacity=\"" + num(style::flowLabelPlateOpacity) + "\"/>";
        out += textElement(anchor.x, anchor.y + size * (ascent - descent) / 2,
                           style::flowLabelPoints, false, label,
                           " text-anchor=\"middle\" fill-opacity=\"1\"");
    }
    out += "</g>\n";
}

} // namespace

std::string diagramToSvg(const ThreatModel &model, const Catalog &catalog)
{
    std::string out;
    writeHeader(out, viewportOf(model));
    writeBoundaries(out, model, catalog);
    for (const Element &e : model.elements())
        writeElement(out, catalog, e);
    // Flows over the elements, as on the canvas: arrowheads touch the borders.
    const std::vector<double> lanes = flowLanes(model);
    for (std::size_t i = 0; i < model.flows().size(); ++i)
        writeFlow(out, model, model.flows()[i], lanes[i]);
    out += "</svg>\n";
    return out;
}

} // namespace bulkhead
