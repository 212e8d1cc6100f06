#include "reimportplacement.h"

#include "core/limits.h"
#include "import/importmodelbuilder.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

namespace bulkhead {

namespace {

constexpr double gap = ImportModelBuilder::gap;
constexpr double padding = ImportModelBuilder::padding;
constexpr double titleHeight = ImportModelBuilder::titleHeight;
/** Candidate spots tried in each direction before falling back to the free column. */
constexpr int maxTries = 50;

bool overlaps(const Rect &a, const Rect &b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
           && b.y < a.y + a.height;
}

class Placer
{
public:
    Placer(ThreatModel &model, const std::set<std::string> &added)
        : m_model(model)
        , m_added(added)
    {
        double right = 0;
        for (const Element &element : model.elements())
            if (!added.count(element.id))
                right = std::max(right, element.geometry.x + element.geometry.width);
        for (const Boundary &boundary : model.boundaries())
            if (!added.count(boundary.id))
                right = std::max(right, boundary.geometry.x + boundary.geometry.width);
        m_freeColumn = Point{right + 2 * gap, padding};
    }

    void run()
    {
        // Positions change, never the vectors' sizes, so references stay valid.
        for (std::size_t i = 0; i < m_model.elements().size(); ++i) {
            const std::string id = m_model.elements()[i].id;
            if (!m_added.count(id))
                continue;
            Element &element = *m_model.findElement(id);
            element.geometry = spotFor(element);
            m_placed.push_back(element.geometry);
            // An added boundary is framed around its content afterwards.
            if (!m_added.count(element.boundary))
                growAround(element.boundary, element.geometry);
        }
        frameAddedBoundaries();
    }

private:
    Rect spotFor(const Element &element)
    {
        const double width = element.geometry.width > 0 ? element.geometry.width
                                                        : ImportModelBuilder::elementWidth;
        const double height = element.geometry.height > 0 ? element.geometry.height
                                                          : ImportModelBuilder::elementHeight;
        if (const std::optional<Rect> anchor = anchorOf(element))
            if (const std::optional<Rect> spot = freeSpotBeside(*anchor, width, height))
                return *spot;
        const Rect spot{m_freeColumn.x, m_freeColumn.y, width, height};
        m_freeColumn.y += height + gap;
        return spot;
    }

    /** An existing element in the same boundary with a flow to the new one, else any in that
     *  boundary, else the inside of its frame, else an existing element it has a flow with. */
    std::optional<Rect> anchorOf(const Element &element) const
    {
        const Element *partnerElsewhere = nullptr;
        for (const Flow &flow : m_model.flows()) {
            const std::string *other = flow.source == element.id   ? &flow.target
                                       : flow.target == element.id ? &flow.source
                                                                   : nullptr;
            const Element *partner = other && !m_added.count(*other) ? m_model.findElement(*other)
                                                                     : nullptr;
            if (partner && partner->boundary == element.boundary)
                return partner->geometry;
            if (partner && !partnerElsewhere)
                partnerElsewhere = partner;
        }
        if (!element.boundary.empty() && !m_added.count(element.boundary)) {
            for (const Element &sibling : m_model.elements())
                if (sibling.boundary == element.boundary && !m_added.count(sibling.id))
                    return sibling.geometry;
            if (const Boundary *frame = m_model.findBoundary(element.boundary)) {
                // A slot just left of the frame's first one, so the first spot right of it is
                // inside the frame.
                const Rect &g = frame->geometry;
                return Rect{g.x + padding - gap - ImportModelBuilder::elementWidth,
                            g.y + titleHeight, ImportModelBuilder::elementWidth,
                            ImportModelBuilder::elementHeight};
            }
        }
        if (partnerElsewhere)
            return partnerElsewhere->geometry;
        return std::nullopt;
    }

    bool isFree(const Rect &spot) const
    {
        for (const Element &other : m_model.elements())
            if (!m_added.count(other.id) && overlaps(spot, other.geometry))
                return false;
        return std::none_of(m_placed.begin(), m_placed.end(),
                            [&](const Rect &placed) { return overlaps(spot, placed); });
    }

    /** Right of the anchor first, then below it, stepping one element at a time. */
    std::optional<Rect> freeSpotBeside(const Rect &anchor, double width, double height) const
    {
        for (int step = 0; step < maxTries; ++step) {
            const Rect right{anchor.x + anchor.width + gap + step * (width + gap), anchor.y, width,
                             height};
            if (isFree(right))
                return right;
            const Rect below{anchor.x, anchor.y + anchor.height + gap + step * (height + gap),
                             width, height};
            if (isFree(below))
                return below;
        }
        return std::nullopt;
    }

    /** The boundary and those around it grow until they hold `rect` with a margin. */
    void growAround(const std::string &boundaryId, Rect rect)
    {
        std::string id = boundaryId;
        for (std::size_t depth = 0; !id.empty() && depth < limits::maxBoundaryDepth; ++depth) {
            Boundary *boundary = m_model.findBoundary(id);
            if (!boundary || m_added.count(id))
                return;
            Rect &g = boundary->geometry;
            const double left = std::min(g.x, rect.x - padding);
            const double top = std::min(g.y, rect.y - titleHeight);
            const double right = std::max(g.x + g.width, rect.x + rect.width + padding);
            const double bottom = std::max(g.y + g.height, rect.y + rect.height + padding);
            g = Rect{left, top, right - left, bottom - top};
            rect = g;
            id = boundary->parent;
        }
    }

    /** Added boundaries, innermost first, framed around what they hold. */
    void frameAddedBoundaries()
    {
        std::vector<Boundary *> added;
        for (const Boundary &boundary : m_model.boundaries())
            if (m_added.count(boundary.id))
                added.push_back(m_model.findBoundary(boundary.id));
        std::stable_sort(added.begin(), added.end(), [&](const Boundary *a, const Boundary *b) {
            return m_model.enclosingBoundaries(*a).size() > m_model.enclosingBoundaries(*b).size();
        });
        for (Boundary *boundary : added) {
            std::optional<Rect> content;
            auto include = [&](const Rect &rect) {
                if (!content) {
                    content = rect;
                    return;
                }
                const double left = std::min(content->x, rect.x);
                const double top = std::min(content->y, rect.y);
                const double right = std::max(content->x + content->width, rect.x + rect.width);
                const double bottom = std::max(content->y + content->height, rect.y + rect.height);
                content = Rect{left, top, right - left, bottom - top};
            };
            for (const Element &element : m_model.elements())
                if (element.boundary == boundary->id)
                    include(element.geometry);
            for (const Boundary &inner : m_model.boundaries())
                if (inner.parent == boundary->id)
                    include(inner.geometry);
            if (!content) {
                content = Rect{m_freeColumn.x, m_freeColumn.y, ImportModelBuilder::elementWidth,
                               ImportModelBuilder::elementHeight};
                m_freeColumn.y += ImportModelBuilder::elementHeight + gap;
            }
            boundary->geometry = Rect{content->x - padding, content->y - titleHeight,
                                      content->width + 2 * padding,
                                      content->height + titleHeight + padding};
            if (!m_added.count(boundary->parent))
                growAround(boundary->parent, boundary->geometry);
        }
    }

    ThreatModel &m_model;
    const std::set<std::string> &m_added;
    Point m_freeColumn;
    std::vector<Rect> m_placed;
};

} // namespace

void placeAddedItems(ThreatModel &model, const std::set<std::string> &added)
{
    Placer(model, added).run();
}

} // namespace bulkhead
