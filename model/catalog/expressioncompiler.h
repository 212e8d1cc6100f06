#pragma once

#include "core/result.h"
#include "expression.h"

#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;

enum class RuleScope { Element, Flow, Model };

/** What names mean while compiling: the scope and the kinds a rule applies to. */
struct CompileContext
{
    const Catalog *catalog = nullptr;
    RuleScope scope = RuleScope::Element;
    /** Element scope: the subject's possible kinds. */
    std::vector<const ElementKind *> subjectKinds;
    /** Flow scope: the possible kinds at each end; empty means any kind. */
    std::vector<const ElementKind *> sourceKinds;
    std::vector<const ElementKind *> targetKinds;
};

/** Longest expression text accepted. */
inline constexpr std::size_t maxExpressionLength = 65536;
/** Deepest nesting of parentheses and `not` accepted. */
inline constexpr int maxExpressionDepth = 64;

/**
 * Parses and type-checks a rule expression. Errors read "COLUMN: message" relative to the
 * expression text (1-based), for the caller to prefix with file, rule and field.
 */
Result<CompiledExpression> compileExpression(std::string_view text, const CompileContext &context);

} // namespace bulkhead
