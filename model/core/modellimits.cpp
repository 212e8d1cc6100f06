#include "modellimits.h"

#include "displaytext.h"
#include "threatmodel.h"

#include <algorithm>
#include <cmath>

namespace bulkhead {

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

bool continuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/** Each boundary's parent as a position in model.boundaries(), or `none`. */
std::vector<std::size_t> parentPositions(const ThreatModel &model)
{
    const auto &boundaries = model.boundaries();
    std::vector<std::size_t> parents(boundaries.size(), none);
    for (std::size_t i = 0; i < boundaries.size(); ++i) {
        if (const Boundary *parent = boundaries[i].parent.empty()
                                         ? nullptr
                                         : model.findBoundary(boundaries[i].parent))
            parents[i] = static_cast<std::size_t>(parent - boundaries.data());
    }
    return parents;
}

/**
 * One walk over the parent graph (each boundary has at most one parent, so it is a set of
 * trees whose roots may be cycles): levels and cycles together, each boundary visited once.
 */
struct NestingWalk
{
    std::vector<std::size_t> levels;
    std::vector<std::vector<std::size_t>> cycles;

    explicit NestingWalk(const ThreatModel &model)
    {
        const std::vector<std::size_t> parents = parentPositions(model);
        const std::size_t count = parents.size();
        enum : unsigned char { unvisited, walking, done };
        std::vector<unsigned char> state(count, unvisited);
        std::vector<std::size_t> walkPosition(count, none);
        levels.assign(count, 0);
        std::vector<std::size_t> walk;
        for (std::size_t start = 0; start < count; ++start) {
            if (state[start] != unvisited)
                continue;
            walk.clear();
            std::size_t at = start;
            while (at != none && state[at] == unvisited) {
                state[at] = walking;
                walkPosition[at] = walk.size();
                walk.push_back(at);
                at = parents[at];
            }
            // The walk ended at the top, at a boundary already placed, or back on itself.
            bool broken = false;
            std::size_t level = 0;
            if (at != none && state[at] == walking) {
                std::vector<std::size_t> cycle(
                    walk.begin() + static_cast<std::ptrdiff_t>(walkPosition[at]), walk.end());
                std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()),
                            cycle.end());
                cycles.push_back(std::move(cycle));
                broken = true;
            } else if (at != none) {
                level = levels[at];
                broken = level == 0;
            }
            for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
                levels[*it] = broken ? 0 : ++level;
                state[*it] = done;
            }
        }
        std::sort(cycles.begin(), cycles.end());
    }
};

} // namespace

std::size_t characterCount(std::string_view utf8)
{
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return !continuationByte(c); }));
}

bool withinCoordinateRange(double value)
{
    return std::isfinite(value) && std::abs(value) <= limits::maxCoordinate;
}

bool withinCoordinateRange(const Rect &rect)
{
    return withinCoordinateRange(rect.x) && withinCoordinateRange(rect.y)
           && withinCoordinateRange(rect.width) && withinCoordinateRange(rect.height);
}

bool withinCoordinateRange(const Point &point)
{
    return withinCoordinateRange(point.x) && withinCoordinateRange(point.y);
}

std::string elided(std::string_view text, std::size_t maxCharacters)
{
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (continuationByte(text[i]))
            continue;
        if (characters == maxCharacters)
            return std::string(text.substr(0, i)) + "…";
        ++characters;
    }
    return std::string(text);
}

std::string groupedNumber(std::size_t value)
{
    std::string digits = std::to_string(value);
    for (std::size_t i = digits.size(); i > 3; i -= 3)
        digits.insert(i - 3, ",");
    return digits;
}

std::string describeObject(std::string_view type, const std::string &name, const std::string &id)
{
    // Shown escaped and cut short: a hostile 5 MB name must not make every message 5 MB, nor
    // move the cursor of the terminal that prints it.
    return std::string(type) + " "
           + (name.empty() ? displayQuoted(id)
                           : displayQuoted(name) + " (" + displayExcerpt(id) + ")");
}

namespace {

/** Walks the model once for forEachBudgetProblem; stops as soon as `report` says so. */
class BudgetWalk
{
public:
    BudgetWalk(const ThreatModel &model, const std::function<bool(BudgetProblem)> &report)
        : m_model(model)
        , m_report(report)
    {}

    void run()
    {
        // Each step returns false once `report` asked to stop, and the rest is skipped.
        [[maybe_unused]] const bool walkedAll =
            size(m_model.elements().size(), limits::maxElements, "elements")
            && size(m_model.flows().size(), limits::maxFlows, "flows")
            && size(m_model.boundaries().size(), limits::maxBoundaries, "boundaries") && metadata()
            && boundaries() && elements() && flows() && registerEntries() && manualThreats();
    }

private:
    using Fields = std::initializer_list<std::pair<const char *, const std::string *>>;

    bool problem(const char *code, const std::string &subject, std::string message)
    {
        return m_report(BudgetProblem{code, subject, std::move(message)});
    }

    bool size(std::size_t count, std::size_t limit, const char *what)
    {
        return count <= limit
               || problem("model-too-large", "",
                          "the model has " + groupedNumber(count) + " " + what
                              + "; Bulkhead handles at most " + groupedNumber(limit));
    }

    /** Short strings (ids, kinds, names, references) against a number of characters. */
    bool names(const std::string &subject, const std::string &what, Fields fields,
               std::size_t limit = limits::maxNameLength)
    {
        for (const auto &[field, text] : fields) {
            if (text->size() <= limit)
                continue;
            if (const std::size_t length = characterCount(*text);
                length > limit
                && !problem("text-too-long", subject,
                            what + ": " + field + " is " + groupedNumber(length)
                                + " characters long; at most " + groupedNumber(limit)
                                + " are allowed"))
                return false;
        }
        return true;
    }

    /** Long strings (descriptions, notes, property values) against limits::maxTextBytes. */
    bool texts(const std::string &subject, const std::string &what, Fields fields)
    {
        for (const auto &[field, text] : fields) {
            if (!withinTextLength(*text)
                && !problem("text-too-long", subject,
                            what + ": " + field + " is " + groupedNumber(text->size())
                                + " bytes long; at most " + groupedNumber(limits::maxTextBytes)
                                + " are allowed"))
                return false;
        }
        return true;
    }

    bool properties(const PropertyMap &map, const std::string &subject, const std::string &what)
    {
        for (const auto &[name, value] : map) {
            if (!names(subject, what, {{"a property name", &name}}))
                return false;
            const std::string field = "property \"" + elided(name, 100) + "\"";
            if (const auto *text = std::get_if<std::string>(&value);
                text && !texts(subject, what, {{field.c_str(), text}}))
                return false;
            if (const auto *list = std::get_if<StringList>(&value)) {
                const std::string entry = "an entry of " + field;
                for (const std::string &item : *list)
                    if (!texts(subject, what, {{entry.c_str(), &item}}))
                        return false;
            }
        }
        return true;
    }

    bool geometry(const std::string &subject, const std::string &what, bool inRange,
                  const char *part)
    {
        return inRange
               || problem("geometry-out-of-range", subject,
                          what + " has " + part + " outside ±"
                              + groupedNumber(static_cast<std::size_t>(limits::maxCoordinate))
                              + ", the drawing area");
    }

    bool metadata()
    {
        const ModelMetadata &m = m_model.metadata();
        if (!names("", "the model",
                   {{"title", &m.title}, {"owner", &m.owner}, {"version", &m.version}}))
            return false;
        for (const std::string &reviewer : m.reviewers)
            if (!names("", "the model", {{"a reviewer", &reviewer}}))
                return false;
        return texts("", "the model", {{"description", &m.description}});
    }

    bool boundaries()
    {
        const std::vector<std::size_t> levels = boundaryNestingLevels(m_model);
        const auto &all = m_model.boundaries();
        for (std::size_t i = 0; i < all.size(); ++i) {
            const Boundary &b = all[i];
            const std::string what = describeObject("boundary", b.name, b.id);
            if (!names(b.id, what,
                       {{"id", &b.id}, {"kind", &b.kind}, {"name", &b.name}, {"parent", &b.parent}})
                || !properties(b.properties, b.id, what)
                || !geometry(b.id, what, withinCoordinateRange(b.geometry), "a position or size"))
                return false;
            // Only the first boundary too deep on each branch: the ones inside it follow from it.
            if (levels[i] == limits::maxBoundaryDepth + 1
                && !problem(
                    "boundary-too-deep", b.id,
                    what + " is nested " + groupedNumber(levels[i]) + " boundaries deep; at most "
                        + groupedNumber(limits::maxBoundaryDepth) + " levels are supported"))
                return false;
        }
        return true;
    }

    bool elements()
    {
        for (const Element &e : m_model.elements()) {
            const std::string what = describeObject("element", e.name, e.id);
            if (!names(e.id, what,
                       {{"id", &e.id},
                        {"kind", &e.kind},
                        {"name", &e.name},
                        {"boundary", &e.boundary}})
                || !properties(e.properties, e.id, what)
                || !geometry(e.id, what, withinCoordinateRange(e.geometry), "a position or size"))
                return false;
        }
        return true;
    }

    bool flows()
    {
        for (const Flow &f : m_model.flows()) {
            const std::string what = describeObject("flow", f.name, f.id);
            const bool pointsInRange = std::all_of(
                f.points.begin(), f.points.end(),
                [](const Point &p) { return withinCoordinateRange(p); });
            if (!names(f.id, what,
                       {{"id", &f.id},
                        {"name", &f.name},
                        {"source", &f.source},
                        {"target", &f.target}})
                || !properties(f.properties, f.id, what)
                || !geometry(f.id, what, pointsInRange, "a bend point"))
                return false;
        }
        return true;
    }

    bool registerEntries()
    {
        for (const RegisterEntry &entry : m_model.registerEntries()) {
            const std::string what = "the register entry for threat \"" + elided(entry.threat, 100)
                                     + "\"";
            if (!names(entry.threat, what, {{"threat", &entry.threat}}, limits::maxThreatIdLength)
                || !names(entry.threat, what, {{"owner", &entry.owner}})
                || !texts(entry.threat, what,
                          {{"justification", &entry.justification}, {"notes", &entry.notes}}))
                return false;
        }
        return true;
    }

    bool manualThreats()
    {
        for (const ManualThreat &t : m_model.manualThreats()) {
            const std::string what = "manual threat \"" + elided(t.id, 100) + "\"";
            if (!names(t.id, what,
                       {{"id", &t.id},
                        {"title", &t.title},
                        {"stride", &t.stride},
                        {"target", &t.target}})
                || !texts(t.id, what, {{"description", &t.description}}))
                return false;
        }
        return true;
    }

    const ThreatModel &m_model;
    const std::function<bool(BudgetProblem)> &m_report;
};

} // namespace

void forEachBudgetProblem(const ThreatModel &model,
                          const std::function<bool(BudgetProblem)> &report)
{
    BudgetWalk(model, report).run();
}

std::optional<BudgetProblem> firstBudgetProblem(const ThreatModel &model)
{
    std::optional<BudgetProblem> first;
    forEachBudgetProblem(model, [&first](BudgetProblem problem) {
        first = std::move(problem);
        return false;
    });
    return first;
}

std::string firstOutOfRangeGeometry(const ThreatModel &model)
{
    for (const Boundary &b : model.boundaries()) {
        if (!withinCoordinateRange(b.geometry))
            return describeObject("boundary", b.name, b.id);
    }
    for (const Element &e : model.elements()) {
        if (!withinCoordinateRange(e.geometry))
            return describeObject("element", e.name, e.id);
    }
    for (const Flow &f : model.flows()) {
        for (const Point &point : f.points) {
            if (!withinCoordinateRange(point))
                return describeObject("flow", f.name, f.id);
        }
    }
    return {};
}

std::vector<std::size_t> boundaryNestingLevels(const ThreatModel &model)
{
    return NestingWalk(model).levels;
}

std::vector<std::vector<std::size_t>> boundaryCycles(const ThreatModel &model)
{
    return NestingWalk(model).cycles;
}

} // namespace bulkhead
