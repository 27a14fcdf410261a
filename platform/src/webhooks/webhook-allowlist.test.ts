// The webhook allowlist: loopback by default, exact hosts and subdomain wildcards, https beyond loopback, nothing else.
import { describe, expect, it } from 'vitest';
import { LOOPBACK_HOSTS, parseAllowedHosts, webhookTargetProblem } from './webhook-allowlist.js';

describe('webhookTargetProblem', () => {
  it('allows loopback in development and nothing else', () => {
    for (const url of ['http://127.0.0.1:8080/pos', 'http://localhost/x', 'http://[::1]:9000/']) expect(webhookTargetProblem(url, LOOPBACK_HOSTS)).toBeNull();
    expect(webhookTargetProblem('https://evil.example.com/hook', LOOPBACK_HOSTS)).toMatch(/not on the webhook allowlist/);
    expect(webhookTargetProblem('http://169.254.169.254/latest/meta-data', LOOPBACK_HOSTS)).toMatch(/allowlist/);
    expect(webhookTargetProblem('http://127.0.0.2/', LOOPBACK_HOSTS)).toMatch(/allowlist/);
  });

  it('takes exact hosts and subdomain wildcards, and asks for https off loopback', () => {
    const allowed = parseAllowedHosts(' pos.example.com, *.stores.example.com ,127.0.0.1');
    expect(webhookTargetProblem('https://pos.example.com/hook', allowed)).toBeNull();
    expect(webhookTargetProblem('https://s0001.stores.example.com/hook', allowed)).toBeNull();
    expect(webhookTargetProblem('https://stores.example.com/hook', allowed)).toMatch(/allowlist/);
    expect(webhookTargetProblem('https://evilstores.example.com/hook', allowed)).toMatch(/allowlist/);
    expect(webhookTargetProblem('http://pos.example.com/hook', allowed)).toMatch(/https/);
  });

  it('refuses what is not an http(s) URL or carries credentials', () => {
    expect(webhookTargetProblem('not a url', LOOPBACK_HOSTS)).toMatch(/absolute URL/);
    expect(webhookTargetProblem('file:///etc/passwd', LOOPBACK_HOSTS)).toMatch(/http or https/);
    expect(webhookTargetProblem('http://user:pw@127.0.0.1/', LOOPBACK_HOSTS)).toMatch(/password/);
    expect(webhookTargetProblem('http://127.0.0.1/', [])).toMatch(/empty/);
  });
});
