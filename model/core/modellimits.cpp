#include "modellimits.h"

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
        if (const Boundary *parent = boundaries[i].parent.empty() ? nullptr : model.findBoundary(boundaries[i].parent))
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
                std::vector<std::size_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(walkPosition[at]), walk.end());
                std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
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
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return !continuationByte(c); }));
}

bool withinCoordinateRange(double value)
{
    return std::isfinite(value) && std::abs(value) <= limits::maxCoordinate;
}

bool withinCoordinateRange(const Rect &rect)
{
    return withinCoordinateRange(rect.x) && withinCoordinateRange(rect.y) && withinCoordinateRange(rect.width)
           && withinCoordinateRange(rect.height);
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

std::vector<std::size_t> boundaryNestingLevels(const ThreatModel &model)
{
    return NestingWalk(model).levels;
}

std::vector<std::vector<std::size_t>> boundaryCycles(const ThreatModel &model)
{
    return NestingWalk(model).cycles;
}

} // namespace bulkhead
