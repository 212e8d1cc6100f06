#include "document.h"

#include "analysis/validator.h"
#include "io/modelreader.h"

#include <QFileInfo>

namespace bulkhead {

Document::Document(const Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{
    revalidate();
}

QString Document::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool Document::load(const QString &path, QString *errorMessage)
{
    auto loaded = readModelFile(path.toStdString());
    if (!loaded) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(loaded.error());
        return false;
    }
    m_model = std::move(loaded->model);
    m_filePath = QFileInfo(path).absoluteFilePath();
    revalidate();
    Q_EMIT modelReset();
    return true;
}

void Document::revalidate()
{
    m_diagnostics = validateModel(m_model, m_catalog);
}

} // namespace bulkhead
