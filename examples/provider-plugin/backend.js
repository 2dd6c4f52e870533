'use strict';
// The "cloud": a directory holding an account file (.herd-backend, JSON {secret, maxNodes?}) and
// one sub-directory per cluster tag with one JSON file per node. Creating a node file with the
// exclusive flag is atomic, so two workers applying the same plan never make a node twice.
const fs = require('node:fs/promises');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { AuthFailedError, FatalProviderError, QuotaExceededError, RetryableProviderError } = require('./errors');

const ACCOUNT_FILE = '.herd-backend';

function translate(error, what) {
  if (error && ['EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE'].includes(error.code)) return new RetryableProviderError(`${what}: the disk is busy`, error.message);
  if (error && ['EACCES', 'EPERM'].includes(error.code)) return new AuthFailedError(`${what}: no permission on the backend directory`, error.message);
  return new FatalProviderError(`${what} failed`, error && error.message);
}

class DirectoryBackend {
  constructor(directory, secret) {
    this.directory = directory;
    this.secret = secret;
  }

  async account() {
    let raw;
    try {
      raw = await fs.readFile(path.join(this.directory, ACCOUNT_FILE), 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') throw new AuthFailedError(`no backend account in ${this.directory}`);
      throw translate(error, 'reading the account');
    }
    const account = JSON.parse(raw);
    if (account.secret !== this.secret) throw new AuthFailedError('the secret does not match the backend account');
    return account;
  }

  clusterDir(tag) {
    return path.join(this.directory, encodeURIComponent(tag));
  }

  async nodes(tag) {
    const dir = this.clusterDir(tag);
    let names;
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if (error.code === 'ENOENT') return [];
      throw translate(error, 'listing nodes');
    }
    const records = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => fs.readFile(path.join(dir, name), 'utf8').then(JSON.parse, () => undefined)),
    );
    return records.filter(Boolean);
  }

  async countAllNodes() {
    const entries = await fs.readdir(this.directory, { withFileTypes: true });
    const counts = await Promise.all(entries.filter((entry) => entry.isDirectory()).map((entry) => fs.readdir(path.join(this.directory, entry.name)).then((names) => names.length)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** Creates the node unless it exists; returns the stored record either way. */
  async create(tag, record, maxNodes) {
    const dir = this.clusterDir(tag);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${record.name}.json`);
    try {
      return JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (error) {
      if (error.code !== 'ENOENT') throw translate(error, `reading ${record.name}`);
    }
    if (maxNodes !== undefined && (await this.countAllNodes()) >= maxNodes) throw new QuotaExceededError(`the account allows ${maxNodes} nodes`);
    const created = { ...record, providerId: randomUUID(), createdAt: Date.now() };
    try {
      await fs.writeFile(file, JSON.stringify(created), { flag: 'wx' });
      return created;
    } catch (error) {
      if (error.code === 'EEXIST') return JSON.parse(await fs.readFile(file, 'utf8'));
      throw translate(error, `creating ${record.name}`);
    }
  }

  async update(tag, name, change) {
    const file = path.join(this.clusterDir(tag), `${name}.json`);
    try {
      const record = JSON.parse(await fs.readFile(file, 'utf8'));
      await fs.writeFile(file, JSON.stringify({ ...record, ...change }));
    } catch (error) {
      if (error.code !== 'ENOENT') throw translate(error, `updating ${name}`);
    }
  }

  async remove(tag, name) {
    await fs.rm(path.join(this.clusterDir(tag), `${name}.json`), { force: true });
  }

  async removeCluster(tag) {
    await fs.rm(this.clusterDir(tag), { recursive: true, force: true });
  }
}

module.exports = { DirectoryBackend, ACCOUNT_FILE };
