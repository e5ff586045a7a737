import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { DirectoryService } from '../directory.service';
import { readDemoNodes } from './read-demo-nodes';

/**
 * Demo only, and only when DEMO_NODES_FILE is set: enrols each listed node whose id the
 * directory does not know yet (after the seed, which runs in onModuleInit), through
 * registerNode, so the usual checks and audit apply. Idempotent: a known id is skipped.
 */
@Injectable()
export class DemoNodesBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoNodesBootstrap.name);

  constructor(
    private readonly directory: DirectoryService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DEMO_NODES_FILE === undefined) return;
    await this.registerMissing(this.config.DEMO_NODES_FILE);
  }

  /** The ids registered by this call. */
  async registerMissing(file: string): Promise<string[]> {
    const nodes = await readDemoNodes(file);
    const registered: string[] = [];
    for (const node of nodes) {
      const known = await this.directory.getNode(node.id);
      if (known !== undefined) {
        if (known.unitId !== node.unitId) this.logger.warn(`DEMO_NODES_FILE: node ${node.id} is registered for ${known.unitId}, not ${node.unitId}; left as is`);
        continue;
      }
      await this.directory.registerNode(node.unitId, node.inboxUrl, node.jwks, { id: node.id });
      registered.push(node.id);
      this.logger.log(`demo node ${node.id} of ${node.unitId} registered from DEMO_NODES_FILE`);
    }
    return registered;
  }
}
