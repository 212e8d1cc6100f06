#pragma once

#include "catalog/elementkind.h"

#include <string>
#include <string_view>

namespace bulkhead {

/** An opaque colour, 0–255 per channel. */
struct DiagramColor
{
    int red = 0;
    int green = 0;
    int blue = 0;

    /** "#rrggbb", as SVG and CSS write it. */
    std::string hex() const;
    friend bool operator==(const DiagramColor &, const DiagramColor &) = default;
};

/** `a` blended towards `b` by `amount` (0 gives `a`, 1 gives `b`), channel by channel. */
DiagramColor mixDiagramColors(DiagramColor a, DiagramColor b, double amount);

/**
 * How the diagram is drawn, for every place that draws it: the editor's canvas (and through it
 * the PDF report) and the HTML report's SVG. Both read their colours, pens and sizes from here,
 * so the report cannot drift from the editor. Lengths are in scene units (the model's
 * geometry); font sizes in points as the canvas sets them, 96 scene units to the inch.
 */
namespace diagramstyle {

/** The light palette the reports are drawn in (the standard palette's Base and Text). */
inline constexpr DiagramColor paperBase{255, 255, 255};
inline constexpr DiagramColor paperText{0, 0, 0};

/** Scene units per point at the canvas's 96 dpi. */
inline constexpr double unitsPerPoint = 96.0 / 72.0;

/** The size of an element or boundary whose geometry has none. */
inline constexpr double defaultElementWidth = 140;
inline constexpr double defaultElementHeight = 70;
inline constexpr double defaultBoundaryWidth = 320;
inline constexpr double defaultBoundaryHeight = 220;

// Boundaries: a tinted area with a dashed outline in the kind's hue, the kind's icon and the
// name in a title row.
inline constexpr double boundaryRadius = 10;
inline constexpr double boundaryPenWidth = 1.6;
inline constexpr double boundaryFillAmount = 0.06; ///< of the hue over the base colour
inline constexpr double boundaryTitleHeight = 24;
inline constexpr double boundaryIconSize = 16;
inline constexpr double boundaryIconLeft = 10;
inline constexpr double boundaryIconTop = 5;
inline constexpr double boundaryNamePoints = 9;
inline constexpr double boundaryKindPoints = 8;
inline constexpr double boundaryKindOpacity = 0.6;

// Elements: the DFD shape of their role in a tint of the role, the kind's icon on the left,
// the name (at most two lines) and the kind's name beside it.
inline constexpr double elementPenWidth = 1.5;
inline constexpr double elementFillAmount = 0.14;   ///< of the role's tint over the base colour
inline constexpr double elementAccentAmount = 0.55; ///< of the tint over the text colour
inline constexpr double processRadius = 16;
inline constexpr double dataStoreSideInset = 8;
inline constexpr double elementIconSize = 26;
inline constexpr double elementIconLeft = 10;
inline constexpr double dataStoreIconLeft = 16;
inline constexpr double elementTextGap = 8;
inline constexpr double elementNamePoints = 9.5;
inline constexpr double elementKindPoints = 8;
inline constexpr double elementKindOpacity = 0.65;

// Flows: the text colour, a filled arrowhead, a dot at the end that opens the connection and
// the name on a small plate of the base colour that interrupts the line.
inline constexpr double flowPenWidth = 1.5;
inline constexpr double flowOpacity = 0.75;
inline constexpr double arrowLength = 11;
inline constexpr double arrowHalfWidth = 5;
inline constexpr double openerDotRadius = 3.5;
/** Flows joining the same two elements bend apart by this much each. */
inline constexpr double flowLaneSpread = 28;
inline constexpr double flowLabelPoints = 8;
inline constexpr double flowLabelPlateOpacity = 0.9;
inline constexpr double flowLabelPlateRadius = 4;

} // namespace diagramstyle

/** The outline hue of a boundary kind: kinds differ, so nesting reads at a glance. */
DiagramColor boundaryHue(std::string_view kind);

/** The tint of an element's DFD role (external entity, process, data store). */
DiagramColor elementRoleTint(ElementRole role);

} // namespace bulkhead
