//! The HTTP clients' one starting point: TLS through rustls on *ring*, a
//! smaller crypto library than reqwest's default (aws-lc), for the routers
//! and Raspberry Pis topup runs on.

use std::sync::Once;

/// A `reqwest` client builder with the crypto provider installed (once per
/// process; reqwest refuses to build a TLS client without one).
pub fn client_builder() -> reqwest::ClientBuilder {
    static PROVIDER: Once = Once::new();
    PROVIDER.call_once(|| {
        // Already installed (by a test harness, say) is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
}

/// A client with reqwest's defaults.
pub fn client() -> reqwest::Result<reqwest::Client> {
    client_builder().build()
}
