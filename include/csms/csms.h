#ifndef CSMS_CSMS_H_
#define CSMS_CSMS_H_

/// @file
/// Umbrella header: the whole public API of csms-sdk-cpp, in namespace csms.

#include "csms/client.h"
#include "csms/client_interface.h"
#include "csms/credentials.h"
#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "csms/iam_credentials.h"
#include "csms/models.h"
#include "csms/options.h"
#include "csms/requests.h"
#include "csms/smn.h"
#include "csms/version.h"

#endif  // CSMS_CSMS_H_
