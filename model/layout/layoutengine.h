#pragma once

#include "core/geometry.h"
#include "core/result.h"

#include <map>
#include <string>

namespace bulkhead {

class ThreatModel;

/** New rectangles for elements and boundaries, by id, in scene pixels (y down). */
struct LayoutResult
{
    std::map<std::string, Rect> elements;
    std::map<std::string, Rect> boundaries;
};

/**
 * Arranges a diagram. Behind an interface so the editor and importers do not depend on how
 * (Graphviz today) and tests can substitute a fixed arrangement.
 */
class LayoutEngine
{
public:
    virtual ~LayoutEngine() = default;
    virtual Result<LayoutResult> layout(const ThreatModel &model) = 0;
};

/** Writes a layout into the model; ids the layout does not mention keep their geometry. */
void applyLayout(ThreatModel &model, const LayoutResult &layout);

} // namespace bulkhead
