#include "diagramclipboard.h"

#include "commands/additemscommand.h"
#include "copynames.h"
#include "core/submodel.h"
#include "document.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QUndoStack>

namespace bulkhead::diagramclipboard {

namespace {

ThreatModel selection(const Document &document, const QStringList &ids)
{
    std::unordered_set<std::string> chosen;
    for (const QString &id : ids)
        chosen.insert(id.toStdString());
    return extractSubModel(document.model(), chosen);
}

/** Appends the items with positions at the model's end, in the order they are to be added. */
template<typename T>
void appendAt(std::vector<std::pair<int, T>> &positioned, std::size_t modelSize,
              std::vector<T> items)
{
    int position = int(modelSize);
    for (T &item : items)
        positioned.emplace_back(position++, std::move(item));
}

QStringList addCopies(Document &document, const ThreatModel &items, const Placement &place)
{
    const ThreatModel &model = document.model();
    PastedItems pasted = remapForPaste(model, items, Point{0, 0});
    if (pasted.empty())
        return {};
    place(pasted);
    giveCopyNames(model, pasted);
    const int count = int(pasted.size());
    ItemSnapshot snapshot;
    appendAt(snapshot.boundaries, model.boundaries().size(), std::move(pasted.boundaries));
    appendAt(snapshot.elements, model.elements().size(), std::move(pasted.elements));
    appendAt(snapshot.flows, model.flows().size(), std::move(pasted.flows));
    QStringList ids = snapshot.ids(); // not const: returned by move
    document.undoStack()->push(new AddItemsCommand(
        &document, std::move(snapshot),
        count == 1 ? QObject::tr("Paste 1 item") : QObject::tr("Paste %n items", nullptr, count)));
    return ids;
}

} // namespace

QString mimeType()
{
    return QStringLiteral("application/x-bulkhead-items");
}

void copy(const Document &document, const QStringList &ids)
{
    if (ids.isEmpty())
        return;
    const QByteArray text = QByteArray::fromStdString(writeModelText(selection(document, ids)));
    auto *mime = new QMimeData;
    mime->setData(mimeType(), text);
    mime->setText(QString::fromUtf8(text));
    QApplication::clipboard()->setMimeData(mime);
}

QStringList paste(Document &document, const Placement &place)
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(mimeType()))
        return {};
    const QByteArray text = mime->data(mimeType());
    auto loaded = readModelText(std::string_view(text.constData(), std::size_t(text.size())),
                                "clipboard");
    if (!loaded)
        return {};
    return addCopies(document, loaded->model, place);
}

QStringList duplicate(Document &document, const QStringList &ids, const Placement &place)
{
    if (ids.isEmpty())
        return {};
    return addCopies(document, selection(document, ids), place);
}

} // namespace bulkhead::diagramclipboard
