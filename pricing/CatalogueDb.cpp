#include "pricing/CatalogueDb.h"
