<?php
// A relying application built on phpCAS exactly as its documentation shows, unmodified.
// The first path segment picks the client, each a separate application with its own session:
//   /cas10/ /cas20/ /cas30/ /saml11/  log in with that protocol and show the user and attributes;
//   /proxy/    a CAS 3.0 proxy: receives a PGT at /proxy/callback, then reads /backend/ with a PT;
//   /backend/  a CAS 2.0 service that accepts proxy tickets from /proxy/'s callback only;
//   /wary/     like /cas30/, but checks the server's certificate against another CA's.
// Every client handles Single Logout (the server's back-channel POST to the service URL).
// Settings come from the environment the test starts `php -S` with.
declare(strict_types=1);

require_once 'CAS.php'; // Debian's php-cas, on PHP's include path (/usr/share/php)

function setting(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        http_response_code(500);
        exit("missing setting $name\n");
    }
    return $value;
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/';
$mode = explode('/', trim($path, '/'))[0];
$versions = [
    'cas10' => CAS_VERSION_1_0,
    'cas20' => CAS_VERSION_2_0,
    'cas30' => CAS_VERSION_3_0,
    'quiet' => CAS_VERSION_3_0, // like cas30; registered without Single Logout (the control)
    'wary' => CAS_VERSION_3_0,
    'saml11' => SAML_VERSION_1_1,
    'proxy' => CAS_VERSION_3_0,
    'backend' => CAS_VERSION_2_0,
];
if (!isset($versions[$mode])) {
    http_response_code(404);
    exit("no client at $path\n");
}

$base = setting('APP_BASE_URL');
$caFile = setting($mode === 'wary' ? 'OTHER_CA_FILE' : 'CAS_CA_FILE');
session_name("phpcas_$mode");
phpCAS::setVerbose(true); // errors on the page, so a failing test says why
if ($mode === 'proxy') {
    phpCAS::proxy($versions[$mode], setting('CAS_HOST'), (int) setting('CAS_PORT'), setting('CAS_URI'), $base);
    phpCAS::setFixedCallbackURL("$base/proxy/callback");
    phpCAS::setPGTStorageFile(setting('PGT_DIR'));
    // The back end is served over https by the same throwaway CA: the proxied request trusts it.
    phpCAS::setExtraCurlOption(CURLOPT_CAINFO, $caFile);
} else {
    phpCAS::client($versions[$mode], setting('CAS_HOST'), (int) setting('CAS_PORT'), setting('CAS_URI'), $base);
}
phpCAS::setCasServerCACert($caFile, true);
if ($mode === 'backend') {
    phpCAS::allowProxyChain(new CAS_ProxyChain(["$base/proxy/callback"]));
}
phpCAS::handleLogoutRequests(); // only the CAS server's own address may log sessions out
phpCAS::forceAuthentication();

$answer = [
    'client' => 'phpCAS ' . phpCAS::getVersion(),
    'mode' => $mode,
    'user' => phpCAS::getUser(),
    'attributes' => phpCAS::getAttributes(),
];
if ($mode === 'backend') {
    $answer['proxies'] = phpCAS::getProxies();
}
if ($mode === 'proxy') {
    $backend = phpCAS::getProxiedService(PHPCAS_PROXIED_SERVICE_HTTP_GET);
    $backend->setUrl("$base/backend/");
    $backend->send();
    $answer['backend'] = [
        'status' => $backend->getResponseStatusCode(),
        'answer' => json_decode($backend->getResponseBody(), true) ?? $backend->getResponseBody(),
    ];
}
header('content-type: application/json');
echo json_encode($answer, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
