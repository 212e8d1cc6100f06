#include "deploymentcommand.h"

#include "catalog/catalog.h"
#include "catalog/deployment.h"
#include "changepropertycommand.h"
#include "core/threatmodel.h"
#include "document.h"

#include <utility>
#include <vector>

namespace bulkhead {

QUndoCommand *makePropertyCommand(Document *document, const QStringList &ids,
                                  const std::string &property,
                                  const std::optional<PropertyValue> &value)
{
    std::vector<std::pair<QString, std::string>> orphaned;
    for (const QString &id : ids) {
        const Element *element = document->model().findElement(id.toStdString());
        const ElementKind *kind = element ? document->catalog().findKind(element->kind) : nullptr;
        if (!kind)
            continue;
        for (std::string &name :
             propertiesOrphanedBy(document->catalog(), *kind, element->properties, property, value))
            orphaned.emplace_back(id, std::move(name));
    }
    if (orphaned.empty())
        return new ChangePropertyCommand(document, ids, property, value);
    auto *step = new QUndoCommand;
    const auto *first = new ChangePropertyCommand(document, ids, property, value, step);
    step->setText(orphaned.size() == 1
                      ? QObject::tr("%1, removing 1 container value").arg(first->text())
                      : QObject::tr("%1, removing %2 container values")
                            .arg(first->text())
                            .arg(orphaned.size()));
    for (const auto &[id, name] : orphaned)
        new ChangePropertyCommand(document, {id}, name, std::nullopt, step);
    return step;
}

} // namespace bulkhead
