#pragma once

#include "layoutengine.h"

namespace bulkhead {

/**
 * Graphviz `dot` layout, left to right: boundaries become nested clusters, flows edges,
 * elements fixed-size boxes. All Graphviz calls live in this class's source file.
 */
class GraphvizLayoutEngine : public LayoutEngine
{
public:
    Result<LayoutResult> layout(const ThreatModel &model) override;
};

} // namespace bulkhead
